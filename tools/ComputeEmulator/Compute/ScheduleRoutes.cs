using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>Rackspace scheduled images: /servers/{id}/rax-si-image-schedule (POST enables, GET shows, DELETE disables).</summary>
internal static class ScheduleRoutes
{
    private static readonly string[] Days = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"];

    public static void Map(ComputeRouter router)
    {
        router.Map("POST", "servers/{}/rax-si-image-schedule", EnableAsync)
              .Map("GET", "servers/{}/rax-si-image-schedule", GetAsync)
              .Map("DELETE", "servers/{}/rax-si-image-schedule", DisableAsync);
    }

    private static async Task EnableAsync(ComputeRequest r)
    {
        var server = r.RequireServer(r.Arg(0));
        var body = JsonIn.RequireObject(await r.BodyAsync(), "image_schedule");
        if (!body.TryGetProperty("retention", out var ret) || ret.ValueKind != JsonValueKind.Number || !ret.TryGetInt32(out int retention) || retention < 1 || retention > 65535)
        {
            throw ApiException.BadRequest("retention must be an integer from 1 to 65535.");
        }
        string? day = null;
        if (body.TryGetProperty("day_of_week", out var d) && d.ValueKind != JsonValueKind.Null)
        {
            day = d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (day is null || System.Array.IndexOf(Days, day) < 0)
            {
                throw ApiException.BadRequest("day_of_week must be one of SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY.");
            }
        }
        var schedule = new ImageSchedule(server.Id, retention, day);
        r.Region.Schedules.Set(schedule);
        await WriteAsync(r, schedule);
    }

    private static Task GetAsync(ComputeRequest r)
    {
        var server = r.RequireServer(r.Arg(0));
        var schedule = r.Region.Schedules.Get(server.Id) ?? throw NotFound(r.Arg(0));
        return WriteAsync(r, schedule);
    }

    private static Task DisableAsync(ComputeRequest r)
    {
        var server = r.RequireServer(r.Arg(0));
        if (!r.Region.Schedules.Remove(server.Id)) throw NotFound(r.Arg(0));
        return r.EmptyAsync(202);
    }

    private static ApiException NotFound(string serverId) => ApiException.NotFound($"Image schedule does not exist for server {serverId}");

    private static Task WriteAsync(ComputeRequest r, ImageSchedule schedule) =>
        r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("image_schedule");
            if (schedule.DayOfWeek is not null) w.WriteString("day_of_week", schedule.DayOfWeek);
            w.WriteNumber("retention", schedule.Retention);
            w.WriteEndObject();
            w.WriteEndObject();
        });
}
