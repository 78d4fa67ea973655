// The logistics service: its definition and route table, for infra and the OpenAPI document.
export { logisticsService } from './service';
export { routes as logisticsRoutes } from './routes';
