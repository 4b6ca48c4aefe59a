export const helper = 1;
export default { helpers: [] };
