// Local AWS settings (region, account, fake credentials) and SDK clients aimed at the emulators.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Endpoints } from './emulators';

/** Jakarta, where the first event is; any region works as long as everything agrees on it. */
export const LOCAL_REGION = process.env.LIAISON_LOCAL_REGION ?? 'ap-southeast-3';
/** moto's default account: queue and topic ARNs must carry it for moto to find them. */
export const LOCAL_ACCOUNT_ID = '123456789012';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The environment that points AWS SDK v3 clients (and the functions' clients) at the emulators. */
export function awsEnvironment(endpoints: Endpoints, region = LOCAL_REGION): Record<string, string> {
  return {
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SNS: endpoints.aws,
    AWS_ENDPOINT_URL_SQS: endpoints.aws,
    AWS_ENDPOINT_URL_SES: endpoints.aws,
    AWS_ENDPOINT_URL_SESV2: endpoints.aws,
  };
}

export interface LocalClients {
  dynamodb: DynamoDBClient;
  sns: SNSClient;
  sqs: SQSClient;
  ses: SESClient;
  destroy(): void;
}

export function localClients(endpoints: Endpoints, region = LOCAL_REGION): LocalClients {
  const common = { region, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 };
  const clients = {
    dynamodb: new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb }),
    sns: new SNSClient({ ...common, endpoint: endpoints.aws }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.aws }),
    ses: new SESClient({ ...common, endpoint: endpoints.aws }),
  };
  return {
    ...clients,
    destroy: () => Object.values(clients).forEach((c) => c.destroy()),
  };
}
