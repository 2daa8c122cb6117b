using Orleans.Hosting;
using Orleans.TestingHost;

[assembly: Microsoft.VisualStudio.TestTools.UnitTesting.Parallelize(Workers = 2, Scope = Microsoft.VisualStudio.TestTools.UnitTesting.ExecutionScope.ClassLevel)]

namespace Microsoft.ML.Synthetic.Orleans.Tests;

/// <summary>A 3-silo in-process Orleans cluster (TestingHost) whose silos run SyntheticML's grains.</summary>
[TestClass]
public static class LocalCluster
{
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static TestCluster? _shared;

    /// <summary>One cluster shared by the test classes that leave it whole (started by the first, stopped after the last).</summary>
    public static async Task<TestCluster> SharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            return _shared ??= await StartAsync();
        }
        finally
        {
            SharedLock.Release();
        }
    }

    [AssemblyCleanup]
    public static async Task StopShared()
    {
        if (_shared is { } cluster)
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>A cluster of its own, for a test class that kills silos.</summary>
    public static async Task<TestCluster> StartAsync(int silos = 3)
    {
        var builder = new TestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;   // no logs/ folder in the working directory
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
