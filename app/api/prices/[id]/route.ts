import { apiRoute, jsonBody } from "@/lib/http/api";
import { NotFoundError } from "@/lib/errors";
import { deletePrice, pricePatch, updatePrice } from "@/lib/db/price-admin";

export const dynamic = "force-dynamic";

function priceId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new NotFoundError("price not found");
  return id;
}

export const PATCH = apiRoute("write", async ({ req, rt, params }) => {
  const updated = await updatePrice(rt.db, priceId(params.id), await jsonBody(req, pricePatch));
  await rt.reloadPrices();
  return updated;
});

export const DELETE = apiRoute("write", async ({ rt, params }) => {
  await deletePrice(rt.db, priceId(params.id));
  await rt.reloadPrices();
  return { ok: true };
});
