using Xunit;

namespace ComputeModule.Tests.Acceptance
{
    /// <summary>
    /// Everything that runs Pester files shares this collection: the files set process-wide environment
    /// variables, so they run one at a time, and the emulator is started once for all of them.
    /// </summary>
    [CollectionDefinition(Name, DisableParallelization = true)]
    public sealed class PesterCollection : ICollectionFixture<PesterSuiteFixture>
    {
        /// <summary>The collection's name.</summary>
        public const string Name = "Pester";
    }
}
