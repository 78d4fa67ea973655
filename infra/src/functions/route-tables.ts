// The route tables the OpenAPI document covers, by service. The `api` function imports route tables,
// not service definitions: those resolve handler paths from __dirname, which an ESM bundle lacks.
// A test checks that this list and the stack's services agree.
import type { RouteTable } from '@liaison/kit/http/route';
import { route } from '@liaison/kit/http/route';
import * as z from 'zod';
import { routes as directoryRoutes } from '@liaison/directory/routes';
import { routes as logisticsRoutes } from '@liaison/logistics/routes';
import { routes as feedbackRoutes } from '@liaison/feedback/routes';
import { routes as notificationsRoutes } from '@liaison/notifications/routes';
import { routes as operationsRoutes } from '@liaison/operations/routes';

export const ROUTE_TABLES: Record<string, RouteTable> = {
  directory: directoryRoutes,
  logistics: logisticsRoutes,
  feedback: feedbackRoutes,
  notifications: notificationsRoutes,
  operations: operationsRoutes,
};

/** The platform's own documented route (the CORS preflight route is not an operation). */
export const PLATFORM_ROUTES = {
  getOpenApi: route({
    method: 'GET',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    access: 'public',
    responses: { 200: { description: 'The OpenAPI document', schema: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.record(z.string(), z.unknown()) }) } },
  }),
} satisfies RouteTable;
