import { z } from 'zod';
import { initializerNames } from '../init/initializers.js';

export const InitializerNameSchema = z.enum(initializerNames);
