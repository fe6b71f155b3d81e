import { pgTable, serial, text } from "drizzle-orm/pg-core";

/** Government departments that receive referred problems. */
export const departments = pgTable("departments", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
});

/** Banks whose officers publish credit products. */
export const banks = pgTable("banks", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  nameZh: text("name_zh").notNull(),
  nameEn: text("name_en").notNull(),
});
