/** The one search interface; engines (embedded on PostgreSQL today) implement it. Pure types. */
import type { Prisma } from "~/generated/prisma/client";

/** A client or a transaction: indexing can run inside the transaction of the change. */
export type SearchDb = Prisma.TransactionClient;

export type SearchSort = "relevance" | "price_per_kg" | "newest";

export interface SearchQuery {
  q: string;
  category?: string;
  originCounty?: string;
  tempClass?: string;
  sellerId?: string;
  certKind?: string;
  inStock?: boolean;
  availableSoon?: boolean;
  sort?: SearchSort;
  /** 1-based; clamped to the last page. */
  page?: number;
  pageSize?: number;
  facets?: boolean;
}

export interface SearchHit {
  id: string;
  score: number;
}

export type FacetCounts = Record<"category" | "originCounty" | "tempClass" | "sellerId" | "certKind" | "inStock" | "availableSoon", Record<string, number>>;

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  pages: number;
  facets?: FacetCounts;
}

export interface SearchEngine {
  readonly name: string;
  index(db: SearchDb, productIds: readonly string[]): Promise<void>;
  remove(db: SearchDb, productIds: readonly string[]): Promise<void>;
  search(db: SearchDb, query: SearchQuery): Promise<SearchResult>;
}

export const SEARCH_SORTS: readonly SearchSort[] = ["relevance", "price_per_kg", "newest"];

export function parseSort(value: string | null | undefined): SearchSort {
  return (SEARCH_SORTS as readonly string[]).includes(value ?? "") ? (value as SearchSort) : "relevance";
}
