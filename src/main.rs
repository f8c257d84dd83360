fn main() {
    competency_widget::start();
}
