using System;
using System.Collections.Generic;
using System.Linq;

namespace ComputeEmulator.State;

/// <summary>Everything one emulator instance holds in memory.</summary>
internal sealed class EmulatorState
{
    private volatile RegionState[] _regions = [];
    private readonly EmulatorOptions _initial;

    public EmulatorState(EmulatorOptions options)
    {
        if (options.Regions is not { Length: > 0 }) throw new ArgumentException("At least one region is required.");
        foreach (var name in options.Regions)
        {
            // Region names become URL prefixes: they must not collide with the routes themselves.
            if (string.IsNullOrWhiteSpace(name) || name.Contains('/') || name.StartsWith('_') || name.StartsWith('v') && name.Length > 1 && char.IsDigit(name[1]) || name == "image")
                throw new ArgumentException($"Region name '{name}' cannot be used as a URL prefix.");
        }
        if (options.Regions.Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Regions.Length) throw new ArgumentException("Region names must be unique.");
        Options = options;
        _initial = options.Clone();
        Log = new RequestLog(options.RequestLogCapacity);
        UserId = UserIdFor(options.UserName);
        Reset();
    }

    /// <summary>The live options (a private copy of what the host was given).</summary>
    public EmulatorOptions Options { get; }

    public string UserId { get; }

    /// <summary>The stable user id of a user name (Keystone-like 32 hex digits).</summary>
    public static string UserIdFor(string userName) => BaseImages.StableUuid("user-" + userName).Replace("-", "", StringComparison.Ordinal);
    public TokenStore Tokens { get; } = new();
    public RequestLog Log { get; }
    public FaultInjector Faults { get; } = new();
    public RateLimiter RateLimiter { get; } = new();

    /// <summary>Rate limits currently in force (options, or what PUT /_emulator/ratelimits set).</summary>
    public IReadOnlyDictionary<string, int> RateLimits { get; set; } = new Dictionary<string, int>();
    public RateLimitStyle RateLimitStyle { get; set; }

    public DateTimeOffset Now() => DateTimeOffset.UtcNow;

    public IReadOnlyList<RegionState> Regions => _regions;

    public RegionState? Region(string name) => _regions.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Back to the start state: fresh regions (flavors, base images, option seeds), no tokens, faults or log.</summary>
    public void Reset()
    {
        var now = Now();
        Options.BuildDelay = _initial.BuildDelay;
        Options.SnapshotDuration = _initial.SnapshotDuration;
        Options.MaxPageSize = _initial.MaxPageSize;
        Options.MaxImageMeta = _initial.MaxImageMeta;
        Options.MaxServerMeta = _initial.MaxServerMeta;
        Options.TokenLifetime = _initial.TokenLifetime;
        Options.MetadataLimitStyle = _initial.MetadataLimitStyle;
        Options.ScheduledImages = _initial.ScheduledImages;
        var regions = Options.Regions.Select((name, i) => new RegionState(name, i, Options, now)).ToArray();
        if (Options.SeedServers > 0 || Options.SeedImages > 0)
        {
            Seeder.Seed(regions[0], Options.SeedServers, Options.SeedImages, Options.Seed, now);
        }
        _regions = regions;
        Tokens.Clear();
        Faults.Clear();
        Log.Clear();
        ResetRateLimits();
    }

    /// <summary>Rate limits back to the start options.</summary>
    public void ResetRateLimits()
    {
        RateLimiter.Clear();
        RateLimits = new Dictionary<string, int>(_initial.RateLimits, StringComparer.OrdinalIgnoreCase);
        RateLimitStyle = _initial.RateLimitStyle;
    }
}
