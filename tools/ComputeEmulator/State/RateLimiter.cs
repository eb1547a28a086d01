using System;
using System.Collections.Generic;

namespace ComputeEmulator.State;

/// <summary>Fixed one-minute windows per HTTP verb, like legacy Nova's limits middleware.</summary>
internal sealed class RateLimiter
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Start, int Count)> _windows = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts the request; returns null when allowed, else the seconds until the window resets.</summary>
    public int? Check(string verb, IReadOnlyDictionary<string, int> limits, DateTimeOffset now)
    {
        if (limits.Count == 0 || !limits.TryGetValue(verb, out int limit)) return null;
        lock (_gate)
        {
            if (!_windows.TryGetValue(verb, out var w) || now - w.Start >= TimeSpan.FromMinutes(1)) w = (now, 0);
            if (w.Count >= limit)
            {
                _windows[verb] = w;
                return Math.Max(1, (int)Math.Ceiling((w.Start.AddMinutes(1) - now).TotalSeconds));
            }
            _windows[verb] = (w.Start, w.Count + 1);
            return null;
        }
    }

    /// <summary>Remaining requests and window end for /limits.</summary>
    public (int Remaining, DateTimeOffset NextAvailable) Status(string verb, int limit, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_windows.TryGetValue(verb, out var w) || now - w.Start >= TimeSpan.FromMinutes(1)) return (limit, now);
            return (Math.Max(0, limit - w.Count), w.Count >= limit ? w.Start.AddMinutes(1) : now);
        }
    }

    public void Clear()
    {
        lock (_gate) _windows.Clear();
    }
}
