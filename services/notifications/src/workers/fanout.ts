// The broadcast fan-out worker: resolves a broadcast's audience page by page, by index, and sends the
// people in chunks of ≤ 50 to the `sends` queue, whose worker creates and sends the deliveries.
//
// After each page it stores where it stands on the broadcast item (a conditional write on the item's
// version), so a fan-out that crashes resumes at the page it was on: that page's chunks may go out a
// second time, and the sends path's delivery records (one per cause, person and channel, written with
// a condition) make sure nobody hears it twice. Two workers on one broadcast (a redelivered message)
// race on the version: the loser stops. A fan-out that runs short of time hands itself over to a
// fresh message instead of running into its timeout.
import { loadConfig, loadWorkQueueUrl } from '@liaison/kit/config';
import { clock } from '@liaison/kit/clock';
import { log } from '@liaison/kit/log';
import { sendWork, worker } from '@liaison/kit/work/queue';
import { audiencePage } from '../audience';
import { getBroadcast, saveFanout, type BroadcastRecord, type FanoutCursor } from '../store/broadcasts';
import { BROADCAST_FANOUT, CHUNK_PEOPLE, FanoutMessage } from './fanout-queue';
import { sendsQueue, type SendsMessage } from './sends-queue';

const SERVICE = 'notifications';

/** People read per step: ten chunks, one SQS batch call. */
export const FANOUT_PAGE = CHUNK_PEOPLE * 10;
/** Time kept back for the last step and the hand-over. */
const MARGIN_MS = 15_000;

export interface FanoutDeps {
  tableName: string;
  /** Sends work: chunks of people to `sends`, or the broadcast itself back to `fanout` (a hand-over). */
  send: (queue: 'sends' | 'fanout', messages: readonly (BroadcastChunk | FanoutMessage)[]) => Promise<void>;
  /** True when there is no time for another step. */
  outOfTime: () => boolean;
  /** People read per step; default FANOUT_PAGE. */
  pageSize?: number;
}

export type FanoutOutcome = 'done' | 'handed over' | 'nothing to do' | 'taken over';

/** The message that asks the sends worker to deliver a broadcast to these people. */
export type BroadcastChunk = Extract<SendsMessage, { kind: 'broadcast' }>;

function chunksOf(broadcastId: string, personIds: readonly string[]): BroadcastChunk[] {
  const out: BroadcastChunk[] = [];
  for (let i = 0; i < personIds.length; i += CHUNK_PEOPLE) out.push({ kind: 'broadcast', broadcastId, personIds: personIds.slice(i, i + CHUNK_PEOPLE) });
  return out;
}

/** Runs the fan-out of one broadcast from where it stands until it is finished or time runs short. */
export async function fanOut(broadcastId: string, deps: FanoutDeps): Promise<FanoutOutcome> {
  let b: BroadcastRecord | null = await getBroadcast(deps.tableName, broadcastId, true);
  if (!b || b.status === 'sending' || b.status === 'done') return 'nothing to do';
  for (;;) {
    const page = await audiencePage(deps.tableName, b.audience, b.fanout, deps.pageSize ?? FANOUT_PAGE);
    const chunks = chunksOf(b.id, page.personIds);
    await deps.send('sends', chunks);
    const fanout: FanoutCursor = {
      part: page.next?.part ?? b.fanout.part,
      cursor: page.next?.cursor ?? null,
      chunks: b.fanout.chunks + chunks.length,
      recipients: b.fanout.recipients + page.personIds.length,
    };
    const finished = page.next === null;
    const at = clock.iso();
    const status = finished ? 'sending' : 'fanning_out';
    const saved = await saveFanout(deps.tableName, b.id, b.version, finished ? { status, fanout, recipients: fanout.recipients, fannedOutAt: at, at } : { status, fanout, at });
    if (!saved) return 'taken over';
    b = { ...b, status, fanout, version: b.version + 1 };
    if (finished) return 'done';
    if (deps.outOfTime()) {
      await deps.send('fanout', [{ broadcastId }]);
      return 'handed over';
    }
  }
}

let deps: Omit<FanoutDeps, 'outOfTime'> | undefined;
function depsOf(): Omit<FanoutDeps, 'outOfTime'> {
  if (!deps) {
    const urls = { sends: loadWorkQueueUrl(sendsQueue.name), fanout: loadWorkQueueUrl(BROADCAST_FANOUT.name) };
    deps = { tableName: loadConfig(['tableName']).tableName, send: (queue, messages) => sendWork(urls[queue], messages) };
  }
  return deps;
}

export const handler = worker({
  service: SERVICE,
  spec: BROADCAST_FANOUT,
  parse: (body) => FanoutMessage.parse(body),
  handle: async (message, info) => {
    const outcome = await fanOut(message.broadcastId, { ...depsOf(), outOfTime: () => info.context.getRemainingTimeInMillis() < MARGIN_MS });
    log.info('broadcast fan-out', { broadcastId: message.broadcastId, outcome, receiveCount: info.receiveCount });
  },
});
