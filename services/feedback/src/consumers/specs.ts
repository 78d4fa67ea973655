// The queues feedback consumes, declared once: the service definition deploys them (their filter
// policies) and the consumer modules build their handlers from the same objects.
import { consumerSpec } from '@liaison/kit/service';

/** The retention purge: each page of people the directory purged, whose tickets and ratings lose their words. */
export const PURGE = consumerSpec({ name: 'purge', eventTypes: ['personal-data.purged'], batchSize: 1, timeoutSeconds: 120 });
