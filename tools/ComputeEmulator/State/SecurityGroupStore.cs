using System;
using System.Collections.Generic;
using System.Linq;
using ComputeEmulator.Http;

namespace ComputeEmulator.State;

internal sealed record SecurityGroupRule(string Id, string ParentGroupId, string? IpProtocol, int? FromPort, int? ToPort, string? Cidr, string? GroupName);

internal sealed record SecurityGroup(string Id, string Name, string Description, IReadOnlyList<SecurityGroupRule> Rules, long Order);

/// <summary>os-security-groups and os-security-group-rules; every region starts with a "default" group.</summary>
internal sealed class SecurityGroupStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, SecurityGroup> _byId = new(StringComparer.Ordinal);
    private readonly IdFactory _ids;
    private long _order;

    public SecurityGroupStore(IdFactory ids)
    {
        _ids = ids;
        var def = Create("default", "default");
        AddRule(def.Id, "tcp", 22, 22, "0.0.0.0/0", null);
        AddRule(def.Id, "icmp", -1, -1, "0.0.0.0/0", null);
    }

    public List<SecurityGroup> List()
    {
        lock (_gate) return _byId.Values.OrderBy(g => g.Order).ToList();
    }

    public SecurityGroup? Get(string id)
    {
        lock (_gate) return _byId.GetValueOrDefault(id);
    }

    public SecurityGroup? FindByName(string name)
    {
        lock (_gate) return _byId.Values.FirstOrDefault(g => g.Name == name);
    }

    public SecurityGroup Create(string name, string description)
    {
        if (name.Length is 0 or > 255) throw ApiException.BadRequest("Security group name should be 1 to 255 characters.");
        if (description.Length > 255) throw ApiException.BadRequest("Security group description should be at most 255 characters.");
        lock (_gate)
        {
            if (_byId.Values.Any(g => g.Name == name)) throw ApiException.BadRequest($"Security group {name} already exists");
            var group = new SecurityGroup(_ids.Other(), name, description, [], ++_order);
            _byId[group.Id] = group;
            return group;
        }
    }

    /// <summary>Deletes a group unless it is "default" or <paramref name="inUse"/> says a server has it.</summary>
    public void Delete(string id, Func<string, bool> inUse)
    {
        lock (_gate)
        {
            var group = _byId.GetValueOrDefault(id) ?? throw ApiException.NotFound($"Security group {id} not found.");
            if (group.Name == "default") throw ApiException.BadRequest("Removing default security group not allowed.");
            if (inUse(group.Name)) throw ApiException.BadRequest($"Security group {group.Name} is in use.");
            _byId.Remove(id);
        }
    }

    public SecurityGroupRule AddRule(string parentId, string? protocol, int? from, int? to, string? cidr, string? groupId)
    {
        lock (_gate)
        {
            var parent = _byId.GetValueOrDefault(parentId) ?? throw ApiException.NotFound($"Security group {parentId} not found.");
            string? groupName = null;
            if (groupId is not null)
            {
                groupName = (_byId.GetValueOrDefault(groupId) ?? throw ApiException.NotFound($"Security group {groupId} not found.")).Name;
            }
            var rule = new SecurityGroupRule(_ids.Other(), parentId, protocol, from, to, groupId is null ? (cidr ?? "0.0.0.0/0") : null, groupName);
            if (parent.Rules.Any(r => r with { Id = rule.Id } == rule))
                throw ApiException.BadRequest("This rule already exists in group " + parentId);
            _byId[parentId] = parent with { Rules = parent.Rules.Append(rule).ToList() };
            return rule;
        }
    }

    public bool DeleteRule(string ruleId)
    {
        lock (_gate)
        {
            foreach (var g in _byId.Values)
            {
                if (g.Rules.Any(r => r.Id == ruleId))
                {
                    _byId[g.Id] = g with { Rules = g.Rules.Where(r => r.Id != ruleId).ToList() };
                    return true;
                }
            }
            return false;
        }
    }
}
