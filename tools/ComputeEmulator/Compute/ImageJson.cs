using System;
using System.Text.Json;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>Image bodies as Nova's image proxy and Rackspace show them.</summary>
internal static class ImageJson
{
    private static void WriteLinks(Utf8JsonWriter w, ComputeRequest r, ImageRecord i)
    {
        w.WriteStartArray("links");
        JsonOut.WriteLink(w, "self", r.VersionBase + "images/" + i.Id);
        JsonOut.WriteLink(w, "bookmark", r.BookmarkBase + "images/" + i.Id);
        // Nova: the image service's URL of the image (Glance endpoint + /images/{id}).
        JsonOut.WriteLink(w, "alternate", r.ImageServiceBase + "images/" + i.Id, "application/vnd.openstack.image");
        w.WriteEndArray();
    }

    public static void WriteBrief(Utf8JsonWriter w, ComputeRequest r, ImageRecord i)
    {
        w.WriteStartObject();
        w.WriteString("id", i.Id);
        w.WriteString("name", i.Name);
        WriteLinks(w, r, i);
        w.WriteEndObject();
    }

    public static void WriteDetail(Utf8JsonWriter w, ComputeRequest r, ImageRecord i, DateTimeOffset now)
    {
        w.WriteStartObject();
        w.WriteString("id", i.Id);
        w.WriteString("name", i.Name);
        w.WriteNumber("minRam", i.MinRam);
        w.WriteNumber("minDisk", i.MinDisk);
        JsonOut.WriteStringMap(w, "metadata", i.Metadata);
        w.WriteString("created", JsonOut.Time(i.Created));
        w.WriteString("updated", JsonOut.Time(i.EffectiveUpdated(now)));
        w.WriteString("status", i.Status(now));
        w.WriteNumber("progress", i.Progress(now));
        w.WriteNumber("OS-EXT-IMG-SIZE:size", i.IsSaving(now) ? 0 : i.Size);
        w.WriteString("OS-DCF:diskConfig", "MANUAL");
        WriteLinks(w, r, i);
        if (i.ServerId is not null)
        {
            w.WriteStartObject("server");
            w.WriteString("id", i.ServerId);
            ServerJson.WriteLinks(w, r, "servers", i.ServerId);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
