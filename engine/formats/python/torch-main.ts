// The PyTorch script's main: CUDA when present, the torchrun process group when WORLD_SIZE > 1, our
// weights loaded, then either predictions (JSON on stdout) or training and saving (rank 0 only).

export const TORCH_MAIN = String.raw`
def main():
    args = parse_args(__doc__.split('\n')[0])
    world, rank = int(os.environ.get('WORLD_SIZE', '1')), int(os.environ.get('RANK', '0'))
    cuda = torch.cuda.is_available()
    device = torch.device(f"cuda:{os.environ.get('LOCAL_RANK', '0')}" if cuda else 'cpu')
    if cuda:
        torch.cuda.set_device(device)
        torch.backends.cudnn.allow_tf32 = False  # full float32, like our core
    if world > 1:
        dist.init_process_group('nccl' if cuda else 'gloo')
    torch.manual_seed(TRAINING['seed'])
    net = Net()
    keras_initialize(net)
    base = MODEL_FILE
    if args.weights:
        base, tensors = read_weights(args.weights)
        load_weights(net, tensors)
    net.to(device)
    if args.predict is not None:
        if rank == 0:
            images, _ = load_images(args.data, 'test')
            net.eval()
            with torch.no_grad():
                probs = net(torch.from_numpy(images[:args.predict]).to(device))
            print(json.dumps(probs.cpu().numpy().tolist()))
    else:
        train(net, device, rank, world, args)
        if rank == 0:
            out = args.out or TRAINED_FILE
            write_model(out, base, keras_tensors(net))
            print(f'saved the trained model to {out}')
    if world > 1:
        dist.destroy_process_group()


if __name__ == '__main__':
    main()
`;
