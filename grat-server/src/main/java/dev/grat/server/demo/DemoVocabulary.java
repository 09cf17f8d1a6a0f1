package dev.grat.server.demo;

import java.util.List;

/**
 * The word lists the demo catalog is drawn from: departments with their brands and colours, and per
 * subcategory the kinds of product with the materials and the price range a real shop would show for them.
 */
final class DemoVocabulary {

    /** A top-level category with the brands that sell in it. */
    record Department(String name, List<String> brands, List<String> colours, List<Subcategory> subcategories) {
    }

    /** A leaf category and the kinds of product in it. */
    record Subcategory(String path, List<ProductKind> kinds) {
    }

    /** A kind of product, e.g. a sneaker: what it is made of and what it costs (EUR). */
    record ProductKind(String noun, double minPrice, double maxPrice, List<String> materials) {
    }

    static final List<String> ADJECTIVES = List.of(
            "Classic", "Essential", "Everyday", "Premium", "Lightweight", "Urban", "Heritage", "Studio",
            "Signature", "Compact", "Coastal", "Nordic", "Vintage", "Modern", "Weekend", "Travel");

    private static final List<String> APPAREL_COLOURS = List.of(
            "black", "white", "navy", "grey", "beige", "olive", "burgundy", "camel", "sky blue", "forest green");
    private static final List<String> HOME_COLOURS = List.of(
            "natural", "white", "charcoal", "sage", "terracotta", "sand", "black");
    private static final List<String> GEAR_COLOURS = List.of(
            "black", "white", "neon yellow", "red", "cobalt", "graphite", "coral");
    private static final List<String> DEVICE_COLOURS = List.of("black", "silver", "white", "graphite", "midnight blue");

    static final List<Department> DEPARTMENTS = List.of(
            new Department("Women", List.of("Aurelle", "Maison Lune", "Verdane", "Solstice", "Kira & Co"),
                    APPAREL_COLOURS, List.of(
                    new Subcategory("Women/Shoes", List.of(
                            kind("Ballet Flat", 39, 129, "leather", "suede", "satin"),
                            kind("Ankle Boot", 69, 229, "leather", "suede"),
                            kind("Sneaker", 49, 159, "leather", "canvas", "recycled knit"),
                            kind("Loafer", 59, 189, "leather", "suede"),
                            kind("Sandal", 29, 119, "leather", "cork", "raffia"))),
                    new Subcategory("Women/Dresses", List.of(
                            kind("Wrap Dress", 39, 179, "viscose", "silk", "cotton"),
                            kind("Midi Dress", 35, 199, "cotton", "linen", "viscose"),
                            kind("Shirt Dress", 29, 139, "cotton", "linen"),
                            kind("Maxi Dress", 45, 229, "viscose", "silk", "linen"))),
                    new Subcategory("Women/Jackets", List.of(
                            kind("Trench Coat", 99, 349, "cotton gabardine", "recycled polyester"),
                            kind("Denim Jacket", 49, 149, "denim"),
                            kind("Puffer Jacket", 79, 299, "recycled nylon", "down"),
                            kind("Blazer", 59, 249, "wool", "linen", "viscose"))),
                    new Subcategory("Women/Bags", List.of(
                            kind("Tote", 25, 199, "canvas", "leather", "vegan leather"),
                            kind("Crossbody Bag", 35, 249, "leather", "vegan leather"),
                            kind("Clutch", 25, 149, "satin", "leather"),
                            kind("Backpack", 39, 189, "recycled nylon", "leather", "canvas"))))),
            new Department("Men", List.of("Hartwell", "Northmark", "Fenwick & Sons", "Oakridge", "Calder"),
                    APPAREL_COLOURS, List.of(
                    new Subcategory("Men/Shoes", List.of(
                            kind("Derby Shoe", 79, 229, "leather", "suede"),
                            kind("Chelsea Boot", 89, 249, "leather", "suede"),
                            kind("Sneaker", 49, 159, "leather", "canvas"),
                            kind("Hiking Boot", 89, 229, "nubuck", "leather"))),
                    new Subcategory("Men/Jackets", List.of(
                            kind("Field Jacket", 89, 299, "waxed cotton", "cotton"),
                            kind("Bomber Jacket", 69, 249, "recycled nylon", "suede"),
                            kind("Overcoat", 149, 399, "wool", "cashmere blend"),
                            kind("Rain Jacket", 69, 229, "recycled nylon", "waxed cotton"))),
                    new Subcategory("Men/Shirts", List.of(
                            kind("Oxford Shirt", 29, 109, "cotton"),
                            kind("Flannel Shirt", 29, 99, "flannel", "cotton"),
                            kind("Polo Shirt", 19, 89, "pique", "cotton"),
                            kind("Linen Shirt", 35, 119, "linen"))),
                    new Subcategory("Men/Watches", List.of(
                            kind("Field Watch", 79, 299, "stainless steel", "titanium"),
                            kind("Chronograph", 149, 499, "stainless steel", "titanium"),
                            kind("Dress Watch", 99, 449, "stainless steel", "gold-plated steel"),
                            kind("Dive Watch", 129, 499, "stainless steel", "titanium"))))),
            new Department("Home", List.of("Kettle & Birch", "Lumen Home", "Fjordline", "Casa Terra"),
                    HOME_COLOURS, List.of(
                    new Subcategory("Home/Kitchen", List.of(
                            kind("Chef's Knife", 29, 189, "stainless steel", "damascus steel"),
                            kind("Cast Iron Skillet", 29, 119, "cast iron"),
                            kind("Espresso Maker", 29, 349, "stainless steel", "aluminium"),
                            kind("Cutting Board", 12, 69, "oak", "walnut", "bamboo"),
                            kind("Teapot", 15, 79, "ceramic", "cast iron", "glass"))),
                    new Subcategory("Home/Bedding", List.of(
                            kind("Duvet Cover", 39, 189, "cotton", "linen", "bamboo"),
                            kind("Pillow", 19, 89, "down", "memory foam"),
                            kind("Throw Blanket", 29, 159, "wool", "cotton", "cashmere blend"),
                            kind("Fitted Sheet", 19, 79, "cotton", "linen"))),
                    new Subcategory("Home/Decor", List.of(
                            kind("Table Lamp", 29, 249, "brass", "ceramic", "glass"),
                            kind("Vase", 14, 89, "ceramic", "glass"),
                            kind("Wall Mirror", 39, 229, "brass", "oak"),
                            kind("Candle Set", 14, 49, "soy wax", "beeswax"),
                            kind("Rug", 39, 249, "wool", "jute", "cotton"))))),
            new Department("Sports", List.of("Stridewell", "Peakform", "Velocity Lab", "Kinetic", "Summit Gear"),
                    GEAR_COLOURS, List.of(
                    new Subcategory("Sports/Running", List.of(
                            kind("Running Shoe", 69, 199, "mesh", "recycled knit"),
                            kind("Trail Shoe", 79, 189, "mesh", "ripstop"),
                            kind("Running Jacket", 49, 179, "recycled polyester", "ripstop"),
                            kind("Running Tights", 25, 89, "recycled polyester", "merino"))),
                    new Subcategory("Sports/Cycling", List.of(
                            kind("Cycling Helmet", 39, 249, "polycarbonate", "carbon fibre"),
                            kind("Jersey", 35, 149, "recycled polyester", "merino"),
                            kind("Bike Light", 15, 99, "aluminium"),
                            kind("Cycling Gloves", 15, 59, "synthetic leather", "lycra"))),
                    new Subcategory("Sports/Yoga", List.of(
                            kind("Yoga Mat", 19, 129, "natural rubber", "cork", "TPE"),
                            kind("Yoga Block", 9, 35, "cork", "foam"),
                            kind("Yoga Leggings", 25, 99, "recycled nylon", "cotton"),
                            kind("Meditation Cushion", 25, 89, "cotton", "buckwheat hull"))))),
            new Department("Electronics", List.of("Auralis", "Voltic", "Pixelcraft", "Sonora", "Brightwave"),
                    DEVICE_COLOURS, List.of(
                    new Subcategory("Electronics/Audio", List.of(
                            kind("Wireless Headphones", 59, 449, "aluminium", "plastic"),
                            kind("Earbuds", 29, 279, "plastic"),
                            kind("Bluetooth Speaker", 29, 299, "fabric", "aluminium"),
                            kind("Turntable", 149, 599, "walnut", "aluminium"))),
                    new Subcategory("Electronics/Phones", List.of(
                            kind("Smartphone", 199, 1099, "aluminium", "glass"),
                            kind("Phone Case", 9, 49, "silicone", "leather", "recycled plastic"),
                            kind("Charger", 15, 69, "plastic"),
                            kind("Power Bank", 19, 89, "aluminium", "plastic"))),
                    new Subcategory("Electronics/Cameras", List.of(
                            kind("Mirrorless Camera", 499, 1899, "magnesium alloy"),
                            kind("Action Camera", 129, 449, "plastic", "aluminium"),
                            kind("Camera Lens", 199, 1299, "metal", "plastic"),
                            kind("Tripod", 29, 249, "aluminium", "carbon fibre"))))));

    private DemoVocabulary() {
    }

    private static ProductKind kind(String noun, double minPrice, double maxPrice, String... materials) {
        return new ProductKind(noun, minPrice, maxPrice, List.of(materials));
    }
}
