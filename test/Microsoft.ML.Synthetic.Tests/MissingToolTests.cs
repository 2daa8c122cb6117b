namespace Microsoft.ML.Synthetic.Tests;

[TestClass]
public sealed class MissingToolTests
{
    [TestMethod]
    public void EndTest_UnderCiTrue_FailsNamingTheTool()
    {
        var e = Assert.ThrowsExactly<AssertFailedException>(() => MissingTool.EndTest("No Chromium.", "true"));
        StringAssert.Contains(e.Message, "No Chromium.");
        StringAssert.Contains(e.Message, ".ci/run");
    }

    [TestMethod]
    public void EndTest_OutsideCi_IsInconclusive()
    {
        Assert.ThrowsExactly<AssertInconclusiveException>(() => MissingTool.EndTest("No Chromium.", null));
        Assert.ThrowsExactly<AssertInconclusiveException>(() => MissingTool.EndTest("No Chromium.", "false"));
    }
}
