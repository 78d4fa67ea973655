// SDK clients aimed at the emulators.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESClient } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Endpoints } from './emulators';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-env';

export { awsEnvironment, LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from './local-env';

export interface LocalClients {
  dynamodb: DynamoDBClient;
  sns: SNSClient;
  sqs: SQSClient;
  ses: SESClient;
  s3: S3Client;
  destroy(): void;
}

export function localClients(endpoints: Endpoints, region = LOCAL_REGION): LocalClients {
  const common = { region, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 };
  const clients = {
    dynamodb: new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb }),
    sns: new SNSClient({ ...common, endpoint: endpoints.aws }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.aws }),
    ses: new SESClient({ ...common, endpoint: endpoints.aws }),
    // moto serves S3 on its one port: buckets by path, not by host name.
    s3: new S3Client({ ...common, endpoint: endpoints.aws, forcePathStyle: true }),
  };
  return {
    ...clients,
    destroy: () => Object.values(clients).forEach((c) => c.destroy()),
  };
}
