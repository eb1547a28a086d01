using System;
using System.Collections.Generic;
using System.Linq;
using ComputeEmulator.Http;

namespace ComputeEmulator.State;

internal sealed record FloatingIp(string Id, string Ip, string Pool, string? InstanceId, string? FixedIp, long Order);

/// <summary>os-floating-ips: allocation from a 15.185.x.y pool and association with servers.</summary>
internal sealed class FloatingIpStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, FloatingIp> _byId = new(StringComparer.Ordinal);
    private readonly IdFactory _ids;
    private readonly int _regionIndex;
    private int _nextHost;

    public FloatingIpStore(IdFactory ids, int regionIndex)
    {
        _ids = ids;
        _regionIndex = regionIndex;
    }

    public List<FloatingIp> List()
    {
        lock (_gate) return _byId.Values.OrderBy(f => f.Order).ToList();
    }

    public FloatingIp? Get(string id)
    {
        lock (_gate) return _byId.GetValueOrDefault(id);
    }

    public FloatingIp? FindByAddress(string ip)
    {
        lock (_gate) return _byId.Values.FirstOrDefault(f => f.Ip == ip);
    }

    public FloatingIp Allocate(string? pool)
    {
        if (pool is not null && pool != "nova") throw ApiException.NotFound($"Floating IP pool not found: {pool}");
        lock (_gate)
        {
            int n = ++_nextHost;
            if (n > 250 * 250) throw new ApiException(413, "Maximum number of floating IPs exceeded");
            string ip = $"15.{185 + _regionIndex}.{224 + n / 250}.{n % 250 + 1}";
            var fip = new FloatingIp(_ids.Other(), ip, "nova", null, null, n);
            _byId[fip.Id] = fip;
            return fip;
        }
    }

    public bool Release(string id, out FloatingIp? released)
    {
        lock (_gate)
        {
            if (!_byId.Remove(id, out released)) return false;
            return true;
        }
    }

    /// <summary>Associates an allocated address with a server; 404 if not allocated, 400 if already on another server.</summary>
    public FloatingIp Associate(string ip, string serverId, string fixedIp)
    {
        lock (_gate)
        {
            var fip = _byId.Values.FirstOrDefault(f => f.Ip == ip) ?? throw ApiException.NotFound($"floating ip not found for address {ip}");
            if (fip.InstanceId is not null && fip.InstanceId != serverId)
                throw ApiException.BadRequest($"Floating IP {ip} is already associated with instance {fip.InstanceId}.");
            var next = fip with { InstanceId = serverId, FixedIp = fixedIp };
            _byId[fip.Id] = next;
            return next;
        }
    }

    public void Disassociate(string ip, string serverId)
    {
        lock (_gate)
        {
            var fip = _byId.Values.FirstOrDefault(f => f.Ip == ip) ?? throw ApiException.NotFound($"floating ip not found for address {ip}");
            if (fip.InstanceId != serverId) throw new ApiException(409, $"Floating IP {ip} is not associated with instance {serverId}.");
            _byId[fip.Id] = fip with { InstanceId = null, FixedIp = null };
        }
    }

    /// <summary>Frees every address held by a deleted server.</summary>
    public void ReleaseServer(string serverId)
    {
        lock (_gate)
        {
            foreach (var fip in _byId.Values.Where(f => f.InstanceId == serverId).ToList())
                _byId[fip.Id] = fip with { InstanceId = null, FixedIp = null };
        }
    }
}
