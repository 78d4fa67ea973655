// The queues logistics consumes, declared once: the service definition deploys them (their filter
// policies) and the consumer modules build their handlers from the same objects.
import { consumerSpec } from '@liaison/kit/service';

/** Directory changes to people: arrivals and departures move soft clashes; a deleted person leaves every plan. */
export const PERSON_CHANGES = consumerSpec({ name: 'person-changes', eventTypes: ['person.created', 'person.updated', 'person.deleted'], batchSize: 10, timeoutSeconds: 60 });

/** The retention purge: each page of people the directory purged (their soft clashes follow), drivers on the last page. */
export const PURGE = consumerSpec({ name: 'purge', eventTypes: ['personal-data.purged'], batchSize: 1, timeoutSeconds: 120 });
