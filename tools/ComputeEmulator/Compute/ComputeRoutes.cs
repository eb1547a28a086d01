using ComputeEmulator.Http;

namespace ComputeEmulator.Compute;

/// <summary>Every compute route below /{version}/{tenant_id}/.</summary>
internal static class ComputeRoutes
{
    public static ComputeRouter Build()
    {
        var router = new ComputeRouter();
        ServerRoutes.Map(router);
        ServerActionRoutes.Map(router);
        MetadataRoutes.Map(router);
        ScheduleRoutes.Map(router);
        ImageRoutes.Map(router);
        FlavorRoutes.Map(router);
        LimitsRoutes.Map(router);
        ExtensionRoutes.Map(router);
        KeypairRoutes.Map(router);
        FloatingIpRoutes.Map(router);
        SecurityGroupRoutes.Map(router);
        return router;
    }
}
