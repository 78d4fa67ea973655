// The services this stack deploys. A new service is one line here (and its route table in
// functions/route-tables.ts, which a test keeps in step with this list).
import type { ServiceDefinition } from '@liaison/kit/service';
import { directoryService } from '@liaison/directory/service';
import { logisticsService } from '@liaison/logistics/service';
import { feedbackService } from '@liaison/feedback/service';
import { notificationsService } from '@liaison/notifications/service';
import { operationsService } from '@liaison/operations/service';

export const SERVICES: readonly ServiceDefinition[] = [directoryService, logisticsService, feedbackService, notificationsService, operationsService];
