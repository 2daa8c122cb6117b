using Orleans.Hosting;
using Orleans.TestingHost;

[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Workers = 2, Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel)]

namespace Microsoft.ML.Synthetic.Orleans.Tests;

/// <summary>A 3-silo in-process Orleans cluster (TestingHost) whose silos run SyntheticML's grains.</summary>
internal static class LocalCluster
{
    public static async Task<TestCluster> StartAsync(int silos = 3)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.AddSiloBuilderConfigurator<SyntheticSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SyntheticSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddSyntheticGrains();
    }
}
