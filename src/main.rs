mod embed;

fn main() {
    competency_widget::start();
}
