using System.Numerics;

namespace GradAssert.Corpus.Tests.Bugs;

/// <summary>
/// Conv2D whose input gradient clamps taps that fall on the zero padding onto the edge pixel, instead of dropping
/// them: an edge bug that only shows with padding.
/// </summary>
internal sealed class Conv2DPaddingEdgeBug<T>(Conv2D<T> conv) : Wrapped<T>(conv) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        int batch = Input.Shape[0], height = Input.Shape[2], width = Input.Shape[3];
        int outHeight = conv.OutputSize(height), outWidth = conv.OutputSize(width), k = conv.Kernel;
        var w = conv.Weights.Value.Data;
        for (int n = 0; n < batch; n++)
        {
            for (int oc = 0; oc < conv.OutChannels; oc++)
            {
                for (int oy = 0; oy < outHeight; oy++)
                {
                    for (int ox = 0; ox < outWidth; ox++)
                    {
                        T dy = outputGradient.Data[(((((n * conv.OutChannels) + oc) * outHeight) + oy) * outWidth) + ox];
                        for (int ic = 0; ic < conv.InChannels; ic++)
                        {
                            for (int ky = 0; ky < k; ky++)
                            {
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int iy = (oy * conv.Stride) + ky - conv.Padding, ix = (ox * conv.Stride) + kx - conv.Padding;
                                    if (iy >= 0 && iy < height && ix >= 0 && ix < width)
                                    {
                                        continue;   // inside: the correct backward already handled it
                                    }

                                    int x = (((((n * conv.InChannels) + ic) * height) + Math.Clamp(iy, 0, height - 1)) * width) + Math.Clamp(ix, 0, width - 1);
                                    inputGradient!.Data[x] += w[(((((oc * conv.InChannels) + ic) * k) + ky) * k) + kx] * dy;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// <summary>Max pooling that routes each window's gradient to its top-left element instead of its maximum.</summary>
internal sealed class MaxPoolRoutesToWrongElement<T>(MaxPool2D<T> pool) : Wrapped<T>(pool) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        int planes = Input.Shape[0] * Input.Shape[1], height = Input.Shape[2], width = Input.Shape[3];
        int outHeight = pool.OutputSize(height), outWidth = pool.OutputSize(width);
        Array.Clear(inputGradient!.Data);
        for (int p = 0; p < planes; p++)
        {
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int topLeft = (((p * height) + (oy * pool.Stride)) * width) + (ox * pool.Stride);
                    inputGradient.Data[topLeft] += outputGradient.Data[(((p * outHeight) + oy) * outWidth) + ox];
                }
            }
        }
    }
}

/// <summary>Embedding whose backward assigns each row's gradient instead of adding: repeated indices lose all but the last.</summary>
internal sealed class EmbeddingOverwritesInsteadOfAccumulates<T>(Embedding<T> embedding) : Wrapped<T>(embedding) where T : unmanaged, IFloatingPointIeee754<T>
{
    protected override void Corrupt(Tensor<T> outputGradient, Tensor<T>? inputGradient)
    {
        int d = embedding.Dimension;
        for (int i = 0; i < Input.Length; i++)
        {
            int row = int.CreateChecked(Input.Data[i]);
            Array.Copy(outputGradient.Data, i * d, embedding.Table.Gradient.Data, row * d, d);
        }
    }
}
