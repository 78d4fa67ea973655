// The notifications service: its definition and route table, for infra and the OpenAPI document.
export { notificationsService } from './service';
export { routes as notificationsRoutes } from './routes';
