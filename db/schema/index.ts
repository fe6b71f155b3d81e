export * from "./accounts";
export * from "./organisations";
export * from "./members";
export * from "./tickets";
