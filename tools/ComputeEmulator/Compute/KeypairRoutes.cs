using System.Text.Json;
using System.Threading.Tasks;
using ComputeEmulator.Http;
using ComputeEmulator.State;

namespace ComputeEmulator.Compute;

/// <summary>/os-keypairs: list, create or import, get, delete.</summary>
internal static class KeypairRoutes
{
    public static void Map(ComputeRouter router)
    {
        router.Map("GET", "os-keypairs", ListAsync)
              .Map("POST", "os-keypairs", CreateAsync)
              .Map("GET", "os-keypairs/{}", GetAsync)
              .Map("DELETE", "os-keypairs/{}", DeleteAsync);
    }

    private static Task ListAsync(ComputeRequest r)
    {
        var all = r.Region.Keypairs.List();
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("keypairs");
            foreach (var k in all)
            {
                w.WriteStartObject();
                w.WritePropertyName("keypair");
                Write(w, k, full: false);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static async Task CreateAsync(ComputeRequest r)
    {
        var body = JsonIn.RequireObject(await r.BodyAsync(), "keypair");
        string name = JsonIn.RequireString(body, "name");
        string? publicKey = JsonIn.OptionalString(body, "public_key");
        var (keypair, privateKey) = r.Region.Keypairs.Create(name, publicKey, r.Now);
        await r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("keypair");
            w.WriteStartObject();
            w.WriteString("name", keypair.Name);
            w.WriteString("public_key", keypair.PublicKey);
            w.WriteString("fingerprint", keypair.Fingerprint);
            w.WriteString("user_id", r.State.UserId);
            if (privateKey is not null) w.WriteString("private_key", privateKey);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static Task GetAsync(ComputeRequest r)
    {
        var keypair = r.Region.Keypairs.Get(r.Arg(0)) ?? throw ApiException.NotFound($"Keypair {r.Arg(0)} not found for user {r.State.UserId}");
        return r.JsonAsync(200, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("keypair");
            Write(w, keypair, full: true, r.State.UserId);
            w.WriteEndObject();
        });
    }

    private static Task DeleteAsync(ComputeRequest r)
    {
        if (!r.Region.Keypairs.Delete(r.Arg(0))) throw ApiException.NotFound($"Keypair {r.Arg(0)} not found for user {r.State.UserId}");
        return r.EmptyAsync(202);
    }

    private static void Write(Utf8JsonWriter w, Keypair k, bool full, string? userId = null)
    {
        w.WriteStartObject();
        w.WriteString("name", k.Name);
        w.WriteString("public_key", k.PublicKey);
        w.WriteString("fingerprint", k.Fingerprint);
        if (full)
        {
            w.WriteString("user_id", userId);
            w.WriteNumber("id", k.Id);
            w.WriteBoolean("deleted", false);
            w.WriteString("created_at", k.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNull("updated_at");
            w.WriteNull("deleted_at");
        }
        w.WriteEndObject();
    }
}
