using System;
using System.Collections.Generic;

namespace ComputeEmulator.State;

internal sealed record RequestLogEntry(string Method, string Path, string Query, int Status, DateTimeOffset Time, double DurationMs);

/// <summary>Bounded log of identity and compute requests (never the control API), oldest first.</summary>
internal sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly Queue<RequestLogEntry> _entries = new();
    private readonly int _capacity;

    public RequestLog(int capacity) => _capacity = Math.Max(1, capacity);

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Enqueue(entry);
            while (_entries.Count > _capacity) _entries.Dequeue();
        }
    }

    public RequestLogEntry[] Snapshot()
    {
        lock (_gate) return _entries.ToArray();
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}
