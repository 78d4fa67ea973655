// The directory service: its definition and route table, for infra and the OpenAPI document.
export { directoryService } from './service';
export { routes as directoryRoutes } from './routes';
