/**
 * Historical markings (Stanley & Miikkulainen 2002, p. 107–108): every new gene gets
 * the next global innovation number, and "by keeping a list of the innovations that
 * occurred in the current generation, it is possible to ensure that when the same
 * structure arises more than once through independent mutations in the same
 * generation, each identical mutation is assigned the same innovation number" (p. 107).
 *
 * The tracker is plain data; `resetGeneration` clears the per-generation lists.
 */
/** What splitting one connection produced: the new node and its two genes. */
export type SplitRecord = Readonly<{
  /** Id of the new hidden node. */
  node: number;
  /** Innovation number of the gene into the new node (weight 1). */
  inInnovation: number;
  /** Innovation number of the gene out of the new node (the old weight). */
  outInnovation: number;
}>;

/** The innovation tracker as plain data. */
export type InnovationState = {
  /** The next unused innovation number. */
  nextInnovation: number;
  /** The next unused hidden-node id. */
  nextNodeId: number;
  /** "from>to" → innovation, this generation only. */
  connections: Record<string, number>;
  /** split connection's innovation → the node and two genes it produced, this generation only. */
  splits: Record<string, SplitRecord>;
};

/** A tracker whose next innovation number and node id are the given ones. */
export const createInnovationState = (nextInnovation: number, nextNodeId: number): InnovationState => ({
  nextInnovation,
  nextNodeId,
  connections: {},
  splits: {},
});

/** Forget this generation's innovations (call once per generation, before reproduction). */
export function resetGeneration(t: InnovationState): void {
  t.connections = {};
  t.splits = {};
}

/** The innovation number of a new connection from→to, shared within a generation. */
export function connectionInnovation(t: InnovationState, from: number, to: number): number {
  const key = `${from}>${to}`;
  const known = t.connections[key];
  if (known !== undefined) return known;
  const innovation = t.nextInnovation++;
  t.connections[key] = innovation;
  return innovation;
}

/**
 * Node id and gene numbers for splitting the connection `innovation`, shared within a
 * generation. `taken` reports whether the genome already holds that node (possible when a
 * re-enabled gene is split twice in one generation); then fresh numbers are issued.
 */
export function splitInnovation(
  t: InnovationState,
  innovation: number,
  from: number,
  to: number,
  taken: (node: number) => boolean,
): SplitRecord {
  const known = t.splits[innovation];
  if (known !== undefined && !taken(known.node)) return known;
  const node = t.nextNodeId++;
  const record: SplitRecord = { node, inInnovation: t.nextInnovation++, outInnovation: t.nextInnovation++ };
  if (known === undefined) {
    t.splits[innovation] = record;
    t.connections[`${from}>${node}`] = record.inInnovation;
    t.connections[`${node}>${to}`] = record.outInnovation;
  }
  return record;
}
