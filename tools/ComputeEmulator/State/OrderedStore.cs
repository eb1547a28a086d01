using System;
using System.Collections.Generic;
using System.Threading;
using ComputeEmulator.Http;

namespace ComputeEmulator.State;

/// <summary>
/// Append-only list of immutable items in creation order, with an id -> position index.
/// Newest-first paging finds its marker in O(1) and walks backwards; no sorting per request.
/// Deleted items keep their slot, so a marker naming a just-deleted item still works.
/// </summary>
internal sealed class OrderedStore<T> where T : class, IStoredItem
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly List<T> _items = new();
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _items.Count; } finally { _lock.ExitReadLock(); }
        }
    }

    /// <summary>The newest item (deleted or not), or null when empty.</summary>
    public T? Last()
    {
        _lock.EnterReadLock();
        try { return _items.Count == 0 ? null : _items[^1]; }
        finally { _lock.ExitReadLock(); }
    }

    public void Add(T item)
    {
        _lock.EnterWriteLock();
        try
        {
            _index[item.Id] = _items.Count;
            if (item.AltId is not null) _index[item.AltId] = _items.Count;
            _items.Add(item);
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>The live (not deleted) item with this id or alt id.</summary>
    public T? Get(string id)
    {
        var item = GetIncludingDeleted(id);
        return item is null || item.Deleted ? null : item;
    }

    public T? GetIncludingDeleted(string id)
    {
        _lock.EnterReadLock();
        try { return _index.TryGetValue(id, out int pos) ? _items[pos] : null; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Atomically replaces a live item; returns the new item, or null when there is none. The updater may throw.</summary>
    public T? Update(string id, Func<T, T> update)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_index.TryGetValue(id, out int pos) || _items[pos].Deleted) return null;
            var next = update(_items[pos]);
            _items[pos] = next;
            return next;
        }
        finally { _lock.ExitWriteLock(); }
    }

    /// <summary>Newest first, starting after <paramref name="marker"/>; at most <paramref name="limit"/> items passing <paramref name="filter"/>.</summary>
    public List<T> Page(string? marker, int limit, Func<T, bool> filter)
    {
        var page = new List<T>(Math.Min(limit, 1024));
        _lock.EnterReadLock();
        try
        {
            int start = _items.Count - 1;
            if (marker is not null)
            {
                if (!_index.TryGetValue(marker, out int pos)) throw ApiException.BadRequest($"marker [{marker}] not found");
                start = pos - 1;
            }
            for (int i = start; i >= 0 && page.Count < limit; i--)
            {
                var item = _items[i];
                if (filter(item)) page.Add(item);
            }
        }
        finally { _lock.ExitReadLock(); }
        return page;
    }

    /// <summary>Every item (deleted included) matching <paramref name="filter"/>, newest first.</summary>
    public List<T> All(Func<T, bool> filter) => Page(null, int.MaxValue, filter);
}
