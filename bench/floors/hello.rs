// The floor for a read command: start a process and print a line.
fn main() {
    println!("hello");
}
