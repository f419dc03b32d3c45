// The translation unit that carries the precompiled <torch/torch.h> (jetstudy_torch_pch in toolkit/CMakeLists.txt);
// it defines nothing.
