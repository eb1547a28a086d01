using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace ComputeEmulator.State;

/// <summary>The body of PUT /_emulator/faults.</summary>
internal sealed class FaultSettings
{
    public double ErrorRate { get; set; }
    public int[] StatusCodes { get; set; } = [503];
    public int? RetryAfterSeconds { get; set; }
    public int LatencyMs { get; set; }
    public int JitterMs { get; set; }
    public double DropRate { get; set; }
    public double TruncateRate { get; set; }
    public int? Seed { get; set; }
    public string? PathPattern { get; set; }
    public string[]? Methods { get; set; }
    public int? Count { get; set; }
}

/// <summary>What to do to one request.</summary>
internal readonly record struct FaultDecision(int DelayMs, bool Drop, int? Status, int? RetryAfterSeconds, bool Truncate)
{
    public static readonly FaultDecision None = new(0, false, null, null, false);
}

/// <summary>Injects latency, errors, dropped connections and truncated bodies into matching requests.</summary>
internal sealed class FaultInjector
{
    private readonly object _gate = new();
    private FaultSettings? _settings;
    private Regex? _pattern;
    private Random _random = new();
    private int? _remaining;

    public void Set(FaultSettings settings)
    {
        var pattern = string.IsNullOrEmpty(settings.PathPattern) ? null
            : new Regex(settings.PathPattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        lock (_gate)
        {
            _settings = settings;
            _pattern = pattern;
            _random = settings.Seed is int seed ? new Random(seed) : new Random();
            _remaining = settings.Count;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _settings = null;
            _pattern = null;
            _remaining = null;
        }
    }

    public FaultDecision Decide(string method, string path)
    {
        lock (_gate)
        {
            var s = _settings;
            if (s is null) return FaultDecision.None;
            if (s.Methods is { Length: > 0 } methods && Array.FindIndex(methods, m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase)) < 0)
                return FaultDecision.None;
            if (_pattern is not null && !_pattern.IsMatch(path)) return FaultDecision.None;
            if (_remaining is int left)
            {
                if (left <= 0) return FaultDecision.None;
                _remaining = left - 1;
            }
            int delay = s.LatencyMs + (s.JitterMs > 0 ? _random.Next(s.JitterMs + 1) : 0);
            if (s.DropRate > 0 && _random.NextDouble() < s.DropRate) return new FaultDecision(delay, true, null, null, false);
            if (s.ErrorRate > 0 && _random.NextDouble() < s.ErrorRate)
            {
                int[] codes = s.StatusCodes is { Length: > 0 } c ? c : [503];
                return new FaultDecision(delay, false, codes[_random.Next(codes.Length)], s.RetryAfterSeconds, false);
            }
            bool truncate = s.TruncateRate > 0 && _random.NextDouble() < s.TruncateRate;
            return new FaultDecision(delay, false, null, null, truncate);
        }
    }
}
