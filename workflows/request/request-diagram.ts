import { requestMachine } from './request.machine.js';

/**
 * The lifecycle as a Mermaid state diagram, read off the machine itself so that the README's picture
 * cannot drift from what the code does.
 */
export function requestStateDiagram(): string {
  const lines = ['stateDiagram-v2', `  [*] --> ${requestMachine.config.initial as string}`];
  for (const node of Object.values(requestMachine.root.states)) {
    for (const [event, transitions] of node.transitions) {
      for (const t of transitions) {
        const target = t.target?.[0]?.key ?? node.key;
        lines.push(`  ${node.key} --> ${target}: ${event}`);
      }
    }
    if (node.type === 'final') lines.push(`  ${node.key} --> [*]`);
  }
  return lines.join('\n');
}
