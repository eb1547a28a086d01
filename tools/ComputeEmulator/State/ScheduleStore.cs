using System;
using System.Collections.Generic;
using System.Linq;

namespace ComputeEmulator.State;

/// <summary>A Rackspace scheduled-images setting: daily when <see cref="DayOfWeek"/> is null, else weekly.</summary>
internal sealed record ImageSchedule(string ServerId, int Retention, string? DayOfWeek);

/// <summary>rax-si-image-schedule settings per server.</summary>
internal sealed class ScheduleStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ImageSchedule> _items = new(StringComparer.Ordinal);

    public ImageSchedule? Get(string serverId)
    {
        lock (_gate) return _items.GetValueOrDefault(serverId);
    }

    public void Set(ImageSchedule schedule)
    {
        lock (_gate) _items[schedule.ServerId] = schedule;
    }

    public bool Remove(string serverId)
    {
        lock (_gate) return _items.Remove(serverId);
    }

    public List<ImageSchedule> All()
    {
        lock (_gate) return _items.Values.OrderBy(s => s.ServerId, StringComparer.Ordinal).ToList();
    }
}
