import { apiRoute, jsonBody } from "@/lib/http/api";
import { createPrice, listPriceRows, priceInput } from "@/lib/db/price-admin";

export const dynamic = "force-dynamic";

export const GET = apiRoute("read", async ({ rt }) => ({ items: await listPriceRows(rt.db) }));

// New spans are priced with the new row at once; spans already stored keep their cost.
export const POST = apiRoute("write", async ({ req, rt }) => {
  const created = await createPrice(rt.db, await jsonBody(req, priceInput));
  await rt.reloadPrices();
  return Response.json(created, { status: 201 });
});
