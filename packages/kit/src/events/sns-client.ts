// The SNS client and the one command the publisher sends, in a module of their own: publisher.ts loads it
// with `import()` on the first publish (a dynamic import of the package itself would keep all its commands).
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';

export { PublishBatchCommand };
export const sns = new SNSClient({ maxAttempts: 5 });
