export * from "./accounts";
export * from "./organisations";
export * from "./members";
export * from "./jobs";
export * from "./fairs";
export * from "./files";
export * from "./tickets";
export * from "./monitoring";
