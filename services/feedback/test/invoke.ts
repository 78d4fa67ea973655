// The feedback service's HTTP handler, called in process against this worker's copy of the stack.
import { claimsFor, invoker } from '@liaison/kit/http/invoke';
import { handler } from '../src/handlers/http';
import { routes } from '../src/routes';

export const call = invoker(routes, handler);
export const organizer = claimsFor('organizer');
export { claimsFor };

/** A ticket body for `reporterId` (defaults that a test overrides). */
export function ticketBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'complaint', category: 'transport', severity: 'high', subject: 'Driver did not show at CGK', body: 'Waited 40 minutes at terminal 3.', ...over };
}

/** Files a ticket and returns its body; throws with the answer if it was refused. */
export async function file(claims: Record<string, string>, over: Record<string, unknown> = {}): Promise<any> {
  const res = await call({ method: 'POST', url: '/tickets', body: ticketBody(over), claims });
  if (res.status !== 201) throw new Error(`POST /tickets: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
