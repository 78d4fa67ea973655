// Local AWS settings: region, account and fake credentials, and the environment that points AWS SDK
// v3 clients (the functions' clients too) at the emulators. No SDK import: test setup files read it.
import type { Endpoints } from './emulators';

/** Jakarta, where the first event is; any region works as long as everything agrees on it. */
export const LOCAL_REGION = process.env.LIAISON_LOCAL_REGION ?? 'ap-southeast-3';
/** moto's default account: queue and topic ARNs must carry it for moto to find them. */
export const LOCAL_ACCOUNT_ID = '123456789012';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

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
    AWS_ENDPOINT_URL_S3: endpoints.aws,
    AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.aws,
    // ENV.s3PathStyle of @liaison/kit/config (no kit import here): presigned URLs point at moto's port.
    LIAISON_S3_PATH_STYLE: '1',
  };
}
