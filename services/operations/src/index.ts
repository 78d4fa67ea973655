// The operations service: its definition and route table, for infra and the OpenAPI document.
export { operationsService } from './service';
export { routes as operationsRoutes } from './routes';
