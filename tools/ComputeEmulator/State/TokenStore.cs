using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace ComputeEmulator.State;

internal sealed record TokenRecord(string Id, DateTimeOffset IssuedAt, DateTimeOffset Expires, string ProjectId, string[] Methods);

/// <summary>Issued tokens; unknown or expired tokens are rejected with 401.</summary>
internal sealed class TokenStore
{
    private readonly ConcurrentDictionary<string, TokenRecord> _tokens = new(StringComparer.Ordinal);

    public TokenRecord Issue(DateTimeOffset now, TimeSpan lifetime, string projectId, string[] methods)
    {
        var token = new TokenRecord("emu" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(), now, now + lifetime, projectId, methods);
        _tokens[token.Id] = token;
        return token;
    }

    /// <summary>The token if it exists and has not expired.</summary>
    public TokenRecord? Validate(string? id, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(id) || !_tokens.TryGetValue(id, out var token)) return null;
        return token.Expires > now ? token : null;
    }

    /// <summary>Expires every token issued so far (for renewal tests).</summary>
    public int ExpireAll(DateTimeOffset now)
    {
        int n = 0;
        foreach (var kv in _tokens)
        {
            if (kv.Value.Expires > now) n++;
            _tokens[kv.Key] = kv.Value with { Expires = now };
        }
        return n;
    }

    public void Clear() => _tokens.Clear();
}
