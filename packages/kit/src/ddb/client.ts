// The DynamoDB document client, created once per process. Endpoint and region come from the
// environment (AWS_ENDPOINT_URL_DYNAMODB locally), like every other AWS client here.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const dynamo = new DynamoDBClient({ maxAttempts: 5 });

export const ddb = DynamoDBDocumentClient.from(dynamo, {
  marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  unmarshallOptions: { wrapNumbers: false },
});
