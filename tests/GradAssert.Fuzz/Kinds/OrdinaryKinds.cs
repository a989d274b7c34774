namespace GradAssert.Fuzz.Kinds;

/// <summary>
/// Ordinary layers at ordinary scales (inputs about N(0, 1), small random shapes): the zoo's layers and a few more a
/// user writes, each with a gradient scaled as its bug. The control group: the corpus covers this ground.
/// </summary>
internal static class OrdinaryKinds
{
    public static IEnumerable<FuzzKind<T>> All<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        yield return Kind("Dense", c =>
        {
            var dense = new Dense<T>(c.Dim("in", 1, 6), c.Dim("out", 1, 6), Draws.LayerSeed(c));
            return new LayerSubject<T>(dense, c.Normal<T>(c.Dim("batch", 1, 4), dense.Inputs));
        }, Plant.Scaled<T>("W"), Plant.Scaled<T>("input"));

        yield return Kind("Conv2D", c =>
        {
            int kernel = c.Dim("kernel", 1, 3), padding = c.Dim("padding", 0, kernel - 1), least = Math.Max(1, kernel - (2 * padding));
            var conv = new Conv2D<T>(c.Dim("inChannels", 1, 2), c.Dim("outChannels", 1, 3), kernel, c.Dim("stride", 1, 2), padding, Draws.LayerSeed(c));
            var x = c.Normal<T>(c.Dim("batch", 1, 2), conv.InChannels, c.Dim("height", least, 5), c.Dim("width", least, 5));
            return new LayerSubject<T>(conv, x);
        }, Plant.Scaled<T>("W"));

        yield return Kind("LayerNorm", c =>
        {
            // Three features or more: over 2, x̂ is ±1 whatever x is, and the input gradient is only ε's trace.
            var norm = new LayerNorm<T>(c.Dim("features", 3, 8), seed: Draws.LayerSeed(c));
            return new LayerSubject<T>(norm, c.Normal<T>(c.Dim("batch", 1, 3), norm.Features));
        }, Plant.Scaled<T>("input"), Plant.Scaled<T>("gamma"));

        yield return Kind("BatchNorm", c =>
        {
            // A batch of 3 or more: over 2 rows x̂ is ±1 whatever x is, and the input gradient is only ε's trace.
            var norm = new BatchNorm<T>(c.Dim("features", 1, 6), seed: Draws.LayerSeed(c));
            return new LayerSubject<T>(norm, c.Normal<T>(c.Dim("batch", 3, 5), norm.Features));
        }, Plant.Scaled<T>("input"));

        yield return Kind("Softmax", c => new LayerSubject<T>(new Softmax<T>(), c.Normal<T>(c.Dim("batch", 1, 3), c.Dim("classes", 2, 6))),
            Plant.Scaled<T>("input"));

        yield return Kind("SoftmaxCrossEntropy", c =>
        {
            int batch = c.Dim("batch", 1, 4), classes = c.Dim("classes", 2, 6);
            return new LayerSubject<T>(new SoftmaxCrossEntropy<T>(Draws.Labels(c, batch, classes)), c.Normal<T>(batch, classes));
        }, Plant.Scaled<T>("input"));

        yield return Kind("SelfAttention", c =>
        {
            var attention = new SelfAttention<T>(c.Dim("model", 1, 4), Draws.LayerSeed(c));
            return new LayerSubject<T>(attention, c.Normal<T>(c.Dim("batch", 1, 2), c.Dim("sequence", 2, 4), attention.Model));
        }, Plant.Scaled<T>("Wq"));

        yield return Kind("GruCell", c =>
        {
            var cell = new GruCell<T>(c.Dim("inputs", 1, 4), c.Dim("hidden", 1, 4), Draws.LayerSeed(c));
            return new LayerSubject<T>(cell, c.Normal<T>(c.Dim("batch", 1, 3), cell.Inputs + cell.Hidden));
        }, Plant.Scaled<T>("input"));

        yield return Kind("LstmCell", c =>
        {
            var cell = new LstmCell<T>(c.Dim("inputs", 1, 4), c.Dim("hidden", 1, 4), Draws.LayerSeed(c));
            return new LayerSubject<T>(cell, c.Normal<T>(c.Dim("batch", 1, 3), cell.Inputs + (2 * cell.Hidden)));
        }, Plant.Scaled<T>("W"));

        yield return Kind("Embedding", c =>
        {
            var embedding = new Embedding<T>(c.Dim("vocabulary", 2, 5), c.Dim("dimension", 1, 4), Draws.LayerSeed(c));
            return new LayerSubject<T>(embedding, c.Integers<T>(0, embedding.Vocabulary - 1, c.Dim("batch", 1, 3), c.Dim("sequence", 1, 4)));
        }, Plant.Scaled<T>("table"));

        yield return Kind("Residual", c =>
        {
            int width = c.Dim("width", 1, 5);
            var block = new Residual<T>(new Sequential<T>(new Dense<T>(width, width, Draws.LayerSeed(c)), new Tanh<T>()));
            return new LayerSubject<T>(block, c.Normal<T>(c.Dim("batch", 1, 3), width));
        }, Plant.Scaled<T>("input"));

        yield return Elementwise("Tanh", () => new Tanh<T>(), 1);
        yield return Elementwise("Sigmoid", () => new Sigmoid<T>(), 1);
        yield return Elementwise("ReLU", () => new ReLU<T>(), 1);
        yield return Elementwise("LeakyReLU", () => new LeakyReLU<T>(), 1);
        yield return Elementwise("Abs", () => new Abs<T>(), 1);
        yield return Elementwise("Clamp", () => new Clamp<T>(), 1.5);
        yield return Elementwise("Gelu", () => new Gelu<T>(), 1);
        yield return Elementwise("Softplus", () => new Softplus<T>(), 2);
        yield return Elementwise("Silu", () => new Silu<T>(), 2);
        yield return Elementwise("Elu", () => new Elu<T>(), 1);

        yield return Kind("MaxPool2D", c =>
        {
            int size = c.Dim("size", 1, 3);
            var pool = new MaxPool2D<T>(size, c.Dim("stride", 1, size));
            return new LayerSubject<T>(pool, c.Normal<T>(c.Dim("batch", 1, 2), c.Dim("channels", 1, 2), c.Dim("height", size, 6), c.Dim("width", size, 6)));
        }, Plant.Scaled<T>("input"));

        yield return Kind("AvgPool2D", c =>
        {
            int size = c.Dim("size", 1, 3);
            var pool = new AvgPool2D<T>(size, c.Dim("stride", 1, size));
            return new LayerSubject<T>(pool, c.Normal<T>(c.Dim("batch", 1, 2), c.Dim("channels", 1, 2), c.Dim("height", size, 6), c.Dim("width", size, 6)));
        }, Plant.Scaled<T>("input"));

        yield return Kind("MseLoss", c =>
        {
            int batch = c.Dim("batch", 1, 4), features = c.Dim("features", 1, 5);
            var inputs = new LayerInputs<T>().Add("prediction", c.Normal<T>(batch, features)).Constant("target", c.Normal<T>(batch, features));
            return new MultiTensorSubject<T>(new MseLoss<T>(), inputs);
        }, Plant.Scaled<T>("prediction"));

        yield return Kind("GaussianRbf", c =>
        {
            int features = c.Dim("features", 1, 4);
            var rbf = new GaussianRbf<T>(c.Normal<T>(c.Dim("units", 1, 5), features), sigma: 1);
            return new LayerSubject<T>(rbf, c.Normal<T>(c.Dim("batch", 1, 3), features));
        }, Plant.Scaled<T>("input"), Plant.Scaled<T>("centres"));

        yield return Kind("Mlp", c =>
        {
            int inputs = c.Dim("in", 1, 5), hidden = c.Dim("hidden", 1, 6), seed = Draws.LayerSeed(c);
            var model = new Sequential<T>("Mlp", new Dense<T>(inputs, hidden, seed), new Tanh<T>(), new Dense<T>(hidden, c.Dim("out", 1, 4), seed + 10));
            return new LayerSubject<T>(model, c.Normal<T>(c.Dim("batch", 1, 3), inputs));
        }, Plant.ScaledInside<T>("second-dense-W-scaled", 2, "W"));

        yield return Kind("LogSumExp", c => new LayerSubject<T>(new LogSumExp<T>(), c.Normal<T>(c.Dim("rows", 1, 3), c.Dim("width", 1, 6))),
            Plant.Scaled<T>("input"));

        yield return Kind("L2Normalize", c => new LayerSubject<T>(new L2Normalize<T>(), c.Normal<T>(c.Dim("rows", 1, 3), c.Dim("width", 2, 6))),
            Plant.Scaled<T>("input"));
    }

    private static FuzzKind<T> Kind<T>(string name, Func<GradientCase, Subject<T>> build, params Bug<T>[] bugs)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        new(name, [IssueClass.Ordinary], build, bugs);

    /// <summary>An element-wise layer on <paramref name="scale"/>·N(0, 1) inputs of [batch, features].</summary>
    private static FuzzKind<T> Elementwise<T>(string name, Func<ILayer<T>> layer, double scale) where T : unmanaged, IFloatingPointIeee754<T> =>
        Kind(name, c => new LayerSubject<T>(layer(), Draws.Normal<T>(c, scale, 0, c.Dim("batch", 1, 4), c.Dim("features", 1, 8))), Plant.Scaled<T>("input"));
}
