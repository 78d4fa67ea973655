// The feedback service: its definition and route table, for infra and the OpenAPI document.
export { feedbackService } from './service';
export { routes as feedbackRoutes } from './routes';
