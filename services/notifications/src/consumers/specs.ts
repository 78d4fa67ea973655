// The queue notifications consumes, declared once: the service definition deploys it (its filter
// policy) and the consumer module builds its handler from the same object.
import { consumerSpec } from '@liaison/kit/service';
import { AUTOMATIC_EVENT_TYPES } from '../domain/automatic';

/**
 * Every event that makes an automatic message, and the logistics events the trip and stay projection
 * needs besides (a completed trip drops its reminder; an ended stay leaves its hotel's audience).
 */
export const AUTOMATIC = consumerSpec({
  name: 'automatic',
  eventTypes: [...AUTOMATIC_EVENT_TYPES, 'trip.completed', 'stay.ended', 'vehicle.changed'],
  batchSize: 10,
  timeoutSeconds: 120,
  memoryMb: 512,
});

/** The retention purge: the delivery log of each page of people the directory purged loses phones, emails and texts. */
export const PURGE = consumerSpec({ name: 'purge', eventTypes: ['personal-data.purged'], batchSize: 1, timeoutSeconds: 120 });
