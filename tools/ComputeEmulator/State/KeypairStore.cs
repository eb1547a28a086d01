using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ComputeEmulator.Http;

namespace ComputeEmulator.State;

internal sealed record Keypair(string Name, string PublicKey, string Fingerprint, DateTimeOffset Created, long Id);

/// <summary>os-keypairs: name-keyed SSH public keys.</summary>
internal sealed class KeypairStore
{
    private static readonly Regex ValidName = new(@"^[A-Za-z0-9 _.@-]{1,255}$", RegexOptions.Compiled);
    private readonly object _gate = new();
    private readonly Dictionary<string, Keypair> _items = new(StringComparer.Ordinal);
    private long _nextId;

    public List<Keypair> List()
    {
        lock (_gate) return _items.Values.OrderBy(k => k.Name, StringComparer.Ordinal).ToList();
    }

    public Keypair? Get(string name)
    {
        lock (_gate) return _items.GetValueOrDefault(name);
    }

    /// <summary>Creates (or imports, when <paramref name="publicKey"/> is given) a keypair; returns it and a private key when generated.</summary>
    public (Keypair Keypair, string? PrivateKey) Create(string name, string? publicKey, DateTimeOffset now)
    {
        if (!ValidName.IsMatch(name)) throw ApiException.BadRequest("Keypair data is invalid: Keypair name contains unsafe characters");
        string? privateKey = null;
        if (publicKey is null)
        {
            var material = Convert.ToBase64String(RandomNumberGenerator.GetBytes(96));
            publicKey = "ssh-rsa " + material + " Generated-by-ComputeEmulator";
            privateKey = "-----BEGIN RSA PRIVATE KEY-----\n" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(192)) + "\n-----END RSA PRIVATE KEY-----\n";
        }
        else if (!publicKey.StartsWith("ssh-", StringComparison.Ordinal) && !publicKey.StartsWith("ecdsa-", StringComparison.Ordinal))
        {
            throw ApiException.BadRequest("Keypair data is invalid: failed to generate fingerprint");
        }
        var hash = MD5.HashData(Encoding.UTF8.GetBytes(publicKey));
        string fingerprint = string.Join(':', hash.Select(b => b.ToString("x2")));
        lock (_gate)
        {
            if (_items.ContainsKey(name)) throw ApiException.Conflict($"Key pair '{name}' already exists.");
            var kp = new Keypair(name, publicKey, fingerprint, now, ++_nextId);
            _items[name] = kp;
            return (kp, privateKey);
        }
    }

    public bool Delete(string name)
    {
        lock (_gate) return _items.Remove(name);
    }
}
