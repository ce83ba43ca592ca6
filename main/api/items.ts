import { z } from 'zod';
import { ApiError } from './errors';

/**
 * Items of any capability that others attach things to (reminders, follow-ups, in-app
 * messages): a capability contributes its kinds in its manifest (`items`), and the others
 * reach them only through this registry — never by a list of types or another's tables.
 * Machinery: names no capability (docs/architecture.md, "Items").
 */

/** A reference to an item of any capability: a task, an identity, an appointment, a call… */
export interface ItemRef {
  kind: string;
  id: string;
}

/** What a capability tells the others about one kind of its items. */
export interface ItemKind {
  kind: string;
  /** True while the item exists (not deleted). */
  exists(id: string): boolean;
  /** What a person calls it in a popup or a list; null when it does not exist. */
  title(id: string): string | null;
  /** The renderer route that opens it, e.g. `/tasks/<id>`. */
  link(id: string): string;
  /** The identity the item belongs to, so follow-ups on it show in that identity's history. */
  identityOf?(id: string): string | null;
  /** Whether this user may see the item (default: anyone may); others are told it does not exist. */
  canSee?(id: string, userId: string): boolean;
}

export interface DescribedItem extends ItemRef {
  title: string;
  link: string;
}

/**
 * The item kinds capabilities contribute. Reminders and follow-ups attach to any item
 * through this, so they never name another capability's tables or list its types.
 */
export class ItemRegistry {
  private readonly kinds = new Map<string, ItemKind>();

  register(kind: ItemKind): void {
    if (this.kinds.has(kind.kind)) throw new Error(`item kind ${kind.kind} registered twice`);
    this.kinds.set(kind.kind, kind);
  }

  has(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /** The item's title and link, or null when its kind is unknown or it no longer exists. */
  describe(ref: ItemRef): DescribedItem | null {
    const k = this.kinds.get(ref.kind);
    const title = k?.title(ref.id) ?? null;
    return k && title !== null ? { kind: ref.kind, id: ref.id, title, link: k.link(ref.id) } : null;
  }

  identityOf(ref: ItemRef): string | null {
    return this.kinds.get(ref.kind)?.identityOf?.(ref.id) ?? null;
  }

  /**
   * Refuses a reference to a kind nobody registered, or to an item that does not exist or
   * that `viewer` may not see (answered alike, so a reference never reveals an item).
   */
  requireExisting(ref: ItemRef, viewer: string, path: (string | number)[] = ['item']): void {
    const k = this.kinds.get(ref.kind);
    if (!k) {
      const params = { kind: ref.kind };
      throw new ApiError('invalid-input', 'item.kindUnknown', params, [{ path: [...path, 'kind'], key: 'item.kindUnknown', params }]);
    }
    if (!k.exists(ref.id) || (k.canSee && !k.canSee(ref.id, viewer))) {
      throw new ApiError('not-found', 'item.notFound', {}, [{ path: [...path, 'id'], key: 'item.notFound' }]);
    }
  }
}

/** A reference to an item of any registered kind, as the API accepts it. */
export const ItemRefInput = z.object({
  kind: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9.-]*$/, 'field.format'),
  id: z.uuid(),
});
