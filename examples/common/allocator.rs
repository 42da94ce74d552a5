//! The allocator the copydesk binary uses (`src/main.rs`), so what a
//! benchmark times in this process allocates as the window does.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
