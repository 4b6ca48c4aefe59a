/**
 * Structural and weight mutations (Stanley & Miikkulainen 2002, p. 106–107, fig. 3).
 * Every function mutates the genome it is given (callers pass a fresh clone).
 */
import type { Rng } from '@evoprop/tensor';
import type { ActivationName } from './activations.js';
import type { NeatConfig } from './config.js';
import { type ConnectionGene, type Genome, type NodeGene, createsCycle } from './genome.js';
import { type InnovationState, connectionInnovation, splitInnovation } from './innovation.js';

/** What a mutation needs besides the genome. */
export type MutationContext = Readonly<{
  /** The run's configuration. */
  config: NeatConfig;
  /** This generation's innovation tracker (shared by every mutation of the generation). */
  tracker: InnovationState;
  /** Random stream of the reproduction step. */
  rng: Rng;
}>;

const clamp = (w: number, limit: number): number => Math.min(limit, Math.max(-limit, w));

/** A fresh weight, uniform in ±`mutation.initRange`. */
export const randomWeight = (rng: Rng, config: NeatConfig): number => rng.uniform(-config.mutation.initRange, config.mutation.initRange);

/**
 * p. 113: each weight is "uniformly perturbed" with 90 % chance, else "assigned a new random
 * value" (`per-gene`), or NEAT C++'s scheme (`neat-c++`, see `mutation.weightScheme`).
 */
export function mutateWeights(g: Genome, { config, rng }: MutationContext): void {
  const m = config.mutation;
  const perturb = (c: ConnectionGene): void => {
    c.weight = clamp(c.weight + rng.uniform(-m.perturbPower, m.perturbPower), m.weightLimit);
  };
  const replace = (c: ConnectionGene): void => {
    c.weight = rng.uniform(-m.replaceRange, m.replaceRange);
  };
  if (m.weightScheme === 'per-gene') {
    for (const c of g.connections) {
      if (rng.bernoulli(m.perturbProbability)) perturb(c);
      else replace(c);
    }
    return;
  }
  const severe = rng.bernoulli(0.5);
  const n = g.connections.length;
  g.connections.forEach((c, i) => {
    let perturbAbove: number;
    let replaceAbove: number;
    if (severe) [perturbAbove, replaceAbove] = [0.3, 0.1];
    else if (n >= 10 && i > n * 0.8) [perturbAbove, replaceAbove] = [0.5, 0.3];
    else [perturbAbove, replaceAbove] = [0, rng.bernoulli(0.5) ? -0.1 : 0];
    const u = rng.uniform();
    if (u > perturbAbove) perturb(c);
    else if (u > replaceAbove) replace(c);
  });
}

function insertConnection(g: Genome, gene: ConnectionGene): void {
  let i = g.connections.length;
  while (i > 0 && (g.connections[i - 1] as ConnectionGene).innovation > gene.innovation) i--;
  g.connections.splice(i, 0, gene);
}

function insertNode(g: Genome, node: NodeGene): void {
  let i = g.nodes.length;
  while (i > 0 && (g.nodes[i - 1] as NodeGene).id > node.id) i--;
  g.nodes.splice(i, 0, node);
}

/**
 * Add connection: "a single new connection gene with a random weight is added
 * connecting two previously unconnected nodes" (p. 106). Without `network.recurrent`
 * a pair that would close a cycle is refused; with it, `mutation.recurrentLinkProbability`
 * may restrict each mutation to one kind of link. Returns whether a gene was added.
 */
export function mutateAddConnection(g: Genome, ctx: MutationContext): boolean {
  const { config, rng, tracker } = ctx;
  const sources = config.mutation.linksFromOutputs ? g.nodes : g.nodes.filter((n) => n.kind !== 'output');
  const targets = g.nodes.filter((n) => n.kind === 'output' || n.kind === 'hidden');
  const existing = new Set(g.connections.map((c) => `${c.from}>${c.to}`));
  // NEAT C++ Genome::mutate_add_link: with recur_only_prob the mutation looks only for a link
  // that closes a loop (each try a self-loop with chance 0.5), otherwise only for one that does not.
  const onlyProbability = config.network.recurrent ? config.mutation.recurrentLinkProbability : null;
  const wantCycle = onlyProbability === null ? null : rng.bernoulli(onlyProbability);
  for (let attempt = 0; attempt < config.mutation.addConnectionTries; attempt++) {
    let from: number;
    let to: number;
    if (wantCycle === true && rng.bernoulli(0.5)) {
      from = to = (targets[rng.int(0, targets.length)] as NodeGene).id;
    } else {
      from = (sources[rng.int(0, sources.length)] as NodeGene).id;
      to = (targets[rng.int(0, targets.length)] as NodeGene).id;
    }
    if (existing.has(`${from}>${to}`)) continue;
    if (wantCycle !== null) {
      if (createsCycle(g.connections, from, to) !== wantCycle) continue;
    } else if (!config.network.recurrent && createsCycle(g.connections, from, to)) continue;
    insertConnection(g, {
      innovation: connectionInnovation(tracker, from, to),
      from,
      to,
      weight: randomWeight(rng, config),
      enabled: true,
    });
    return true;
  }
  return false;
}

/**
 * Add node: "an existing connection is split and the new node placed where the old
 * connection used to be. The old connection is disabled and two new connections are
 * added ... the new connection leading into the new node receives a weight of 1, and
 * the new connection leading out receives the same weight as the old connection" (p. 107).
 */
export function mutateAddNode(g: Genome, ctx: MutationContext): boolean {
  // The paper does not say which connection to split; NEAT C++ never splits the bias's links
  // (a node fed only by the bias is a constant), which matters a lot on XOR.
  const splitBias = ctx.config.mutation.splitBiasConnections;
  const splittable = (c: ConnectionGene): boolean => c.enabled && (splitBias || c.from !== g.inputs);
  let old: ConnectionGene | undefined;
  const stop = ctx.config.mutation.splitOlderGenes;
  if (stop > 0 && g.connections.length < 15) {
    // NEAT C++ 1.2 (Genome::mutate_add_node): in genomes under 15 genes, skip to the first
    // splittable gene, then walk toward newer genes, stopping at each with probability 0.3
    // (bias genes are passed over). Walking off the end or stopping on a disabled gene makes
    // the mutation fail, so small genomes grow nodes about half as often as the rate says.
    const genes = g.connections;
    let i = 0;
    while (i < genes.length && !splittable(genes[i] as ConnectionGene)) i++;
    while (i < genes.length && (!ctx.rng.bernoulli(stop) || (!splitBias && (genes[i] as ConnectionGene).from === g.inputs))) i++;
    const picked = genes[i];
    if (picked === undefined || !picked.enabled) return false;
    old = picked;
  } else {
    const enabled = g.connections.filter(splittable);
    if (enabled.length === 0) return false;
    old = enabled[ctx.rng.int(0, enabled.length)] as ConnectionGene;
  }
  const ids = new Set(g.nodes.map((n) => n.id));
  const split = splitInnovation(ctx.tracker, old.innovation, old.from, old.to, (node) => ids.has(node));
  old.enabled = false;
  insertNode(g, newHiddenNode(split.node, ctx));
  insertConnection(g, { innovation: split.inInnovation, from: old.from, to: split.node, weight: 1, enabled: true });
  insertConnection(g, { innovation: split.outInnovation, from: split.node, to: old.to, weight: old.weight, enabled: true });
  return true;
}

/** A new hidden node: plain NEAT's sigmoid, or (CPPN-NEAT) an activation drawn uniformly from `network.activations`. */
function newHiddenNode(id: number, { config, rng }: MutationContext): NodeGene {
  const choices = config.network.activations;
  // Plain NEAT draws nothing, so its runs keep their random streams.
  if (choices.length === 1 && choices[0] === 'sigmoid') return { id, kind: 'hidden' };
  return { id, kind: 'hidden', activation: choices[rng.int(0, choices.length)] as ActivationName };
}

/**
 * CPPN-NEAT (Stanley 2007): redraw one random hidden node's activation from `network.activations`
 * (the activation is a gene like the others). Returns whether a node changed.
 */
export function mutateActivation(g: Genome, ctx: MutationContext): boolean {
  const hidden = g.nodes.map((n, i) => [n, i] as const).filter(([n]) => n.kind === 'hidden');
  const choices = ctx.config.network.activations;
  if (hidden.length === 0 || choices.length < 2) return false;
  const [node, index] = hidden[ctx.rng.int(0, hidden.length)] as readonly [NodeGene, number];
  const current = node.activation ?? 'sigmoid';
  const others = choices.filter((a) => a !== current);
  g.nodes[index] = { id: node.id, kind: node.kind, activation: others[ctx.rng.int(0, others.length)] as ActivationName };
  return true;
}

/** Flip one random connection's enabled bit (enabling only if it keeps a feed-forward net acyclic — it always does, cycles are checked over all genes). */
export function mutateToggleEnable(g: Genome, { rng }: MutationContext): boolean {
  if (g.connections.length === 0) return false;
  const c = g.connections[rng.int(0, g.connections.length)] as ConnectionGene;
  if (c.enabled && !g.connections.some((o) => o !== c && o.enabled && o.to === c.to)) return false; // keep the target fed
  c.enabled = !c.enabled;
  return true;
}

/** Re-enable one random disabled connection. */
export function mutateReenable(g: Genome, { rng }: MutationContext): boolean {
  const disabled = g.connections.filter((c) => !c.enabled);
  if (disabled.length === 0) return false;
  (disabled[rng.int(0, disabled.length)] as ConnectionGene).enabled = true;
  return true;
}

/**
 * One round of mutation. With `structuralMutations: 'exclusive'` (NEAT C++ Species::reproduce)
 * a structural mutation replaces the weight mutation for that offspring: add-node with p = 0.03,
 * else add-connection with p = 0.05, else weights with p = 0.8 and the toggles (p. 113). With
 * `'independent'` each of them fires on its own.
 */
export function mutateGenome(g: Genome, ctx: MutationContext): void {
  const m = ctx.config.mutation;
  const { rng } = ctx;
  if (m.structuralMutations === 'independent') {
    if (rng.bernoulli(m.weightProbability)) mutateWeights(g, ctx);
    if (rng.bernoulli(m.addNodeProbability)) mutateAddNode(g, ctx);
    if (rng.bernoulli(m.addConnectionProbability)) mutateAddConnection(g, ctx);
  } else {
    if (rng.bernoulli(m.addNodeProbability)) {
      mutateAddNode(g, ctx);
      return;
    }
    if (rng.bernoulli(m.addConnectionProbability)) {
      mutateAddConnection(g, ctx);
      return;
    }
    if (rng.bernoulli(m.weightProbability)) mutateWeights(g, ctx);
  }
  // Guarded so that plain NEAT (probability 0) draws nothing extra.
  if (m.activationProbability > 0 && rng.bernoulli(m.activationProbability)) mutateActivation(g, ctx);
  if (rng.bernoulli(m.toggleEnableProbability)) mutateToggleEnable(g, ctx);
  if (rng.bernoulli(m.reenableProbability)) mutateReenable(g, ctx);
}
